package com.itvision.maintenance.kernel.contract;

public enum SupportHours {
    /** Monday to Friday, 08:00-18:00 in the contract's time zone. */
    BUSINESS_HOURS,
    /** 24/7. */
    ALWAYS
}
