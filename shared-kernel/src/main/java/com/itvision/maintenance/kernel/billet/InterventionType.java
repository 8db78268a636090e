package com.itvision.maintenance.kernel.billet;

/** Seed 001 type_intervention: ANALYSE / CORRECTION / DEPLOIEMENT_CORRECTIF. */
public enum InterventionType { ANALYSIS, CORRECTION, CORRECTIVE_DEPLOYMENT }
