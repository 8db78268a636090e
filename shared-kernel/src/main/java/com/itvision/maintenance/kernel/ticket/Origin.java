package com.itvision.maintenance.kernel.ticket;

/** Seed 001 origine: CLIENT / MONITORING / INTERNE. */
public enum Origin { CLIENT, MONITORING, INTERNAL }
