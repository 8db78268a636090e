package com.itvision.maintenance.kernel.audit;

/**
 * One row of the event store as a verifier sees it: the hashed fields as stored, the hashes stored beside them,
 * and its seal (null until the AuditSealer reached it).
 *
 * @param priorEventHash for a verification that does not start at the first event: the stored event_hash of the
 *                       aggregate's previous event when that event lies before the verified range (else null)
 * @param priorSealHash  likewise, the stored seal_hash at {@code sealPrevGlobalIndex} (aggregate verification)
 */
public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                          String type, String timeStamp, String payloadType, String payloadRevision, byte[] payload,
                          byte[] metaData, byte[] payloadHash, byte[] metaDataHash, byte[] aggregatePrevHash,
                          byte[] eventHash, byte[] sealHash, Long sealPrevGlobalIndex, byte[] priorEventHash,
                          byte[] priorSealHash) {
}
