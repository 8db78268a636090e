package com.itvision.maintenance.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class SmokeApiTest extends IntegrationTest {

    @Test
    void demo_contract_is_readable_by_admin_and_hidden_from_the_other_client() {
        var response = api.as("admin").get("/api/v1/contracts/contract-a-preventive");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("number").asString()).matches("MC-\\d{6}-\\d{4}");
        assertThat(api.as("client2").get("/api/v1/contracts/contract-a-preventive").code())
                .isEqualTo("CONTRACT_NOT_FOUND");
    }
}
