package com.itvision.maintenance.kernel.contract;

/** Seed 004 week 12: "Motif résiliation (prix, insatisfaction, concurrence)". */
public enum TerminationCategory { PRICE, DISSATISFACTION, COMPETITION, OTHER }
