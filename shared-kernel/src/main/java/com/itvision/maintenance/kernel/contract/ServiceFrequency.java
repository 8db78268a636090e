package com.itvision.maintenance.kernel.contract;

public enum ServiceFrequency {
    MONTHLY(1), QUARTERLY(3), SEMIANNUAL(6), ANNUAL(12);

    private final int months;

    ServiceFrequency(int months) {
        this.months = months;
    }

    public int months() {
        return months;
    }
}
