package com.itvision.maintenance.kernel.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seed 000: "interventionsUsed < interventionsIncluded" covers the next intervention. */
class InterventionQuotaTest {

    @Test
    void quota_of_four_allows_a_fifth_intervention_only_while_fewer_than_four_are_used() {
        InterventionQuota four = InterventionQuota.of(4);

        assertThat(four.allows(0)).isTrue();
        assertThat(four.allows(3)).isTrue();
        assertThat(four.allows(4)).isFalse();
        assertThat(four.allows(5)).isFalse();
    }

    @Test
    void quota_of_zero_allows_nothing() {
        assertThat(InterventionQuota.of(0).allows(0)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 1_000})
    void unlimited_quota_always_allows(int used) {
        assertThat(InterventionQuota.UNLIMITED.unlimited()).isTrue();
        assertThat(InterventionQuota.UNLIMITED.allows(used)).isTrue();
    }

    @Test
    void contract_terms_without_a_quota_are_unlimited() {
        ContractTerms terms = new ContractTerms(24, SupportHours.ALWAYS, java.time.ZoneOffset.UTC, null, null, null,
                com.itvision.maintenance.kernel.common.Money.zero("XOF"), PaymentFrequency.ANNUAL, false);

        assertThat(terms.quota()).isEqualTo(InterventionQuota.UNLIMITED);
    }
}
