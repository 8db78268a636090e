package com.itvision.maintenance.kernel.intervention;

/**
 * Seed 001 StatutTechnique: the mandatory report (root cause analysis) validated before a ticket can
 * be resolved. {@code futureRisks} and {@code recommendations} are optional.
 */
public record TechnicalReport(String initialProblem, String rootCause, String solution, String systemImpact,
                              String futureRisks, String recommendations) {
}
