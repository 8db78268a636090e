package com.itvision.maintenance.kernel.common;

/** The roles of seed 001's permissions table, plus the commercial and read-only roles. */
public enum Role {
    ADMIN,
    /** Chef de projet: issues billets, validates technical reports, closes tickets. */
    PROJECT_LEAD,
    /** Développeur / technicien: intervenes only with a billet. */
    TECHNICIAN,
    /** A client's user, bound to exactly one client. */
    CLIENT,
    SALES,
    /** Leads a team of SALES users. */
    MANAGER,
    /** Read-only access to the audit trail. */
    AUDITOR,
    /** KPIs and projection rebuilds. */
    ANALYST;

    public boolean isStaff() {
        return this != CLIENT;
    }
}
