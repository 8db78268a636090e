package com.itvision.maintenance.kernel.ticket;

/** Seed 001 statut: OUVERT / EN_COURS / RESOLU / FERME / REJETE. */
public enum TicketStatus { OPEN, IN_PROGRESS, RESOLVED, CLOSED, REJECTED }
