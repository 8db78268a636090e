package com.itvision.maintenance.kernel.ticket;

/** Seed 001 gravité: MINEUR / MAJEUR / CRITIQUE. */
public enum Severity { MINOR, MAJOR, CRITICAL }
