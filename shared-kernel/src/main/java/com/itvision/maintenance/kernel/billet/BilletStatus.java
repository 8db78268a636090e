package com.itvision.maintenance.kernel.billet;

/** Only an ACTIVE billet authorises anything; revoked and completed billets authorise nothing. */
public enum BilletStatus { ACTIVE, REVOKED, COMPLETED }
