package com.itvision.maintenance.kernel.contract;

/** Interventions included per period; {@code included == null} means unlimited. */
public record InterventionQuota(Integer included) {

    public static final InterventionQuota UNLIMITED = new InterventionQuota(null);

    public static InterventionQuota of(int included) {
        return new InterventionQuota(included);
    }

    public boolean unlimited() {
        return included == null;
    }

    public boolean allows(int used) {
        return unlimited() || used < included;
    }
}
