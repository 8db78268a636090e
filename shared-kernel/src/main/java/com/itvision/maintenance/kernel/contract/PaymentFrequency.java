package com.itvision.maintenance.kernel.contract;

public enum PaymentFrequency { MONTHLY, QUARTERLY, ANNUAL }
