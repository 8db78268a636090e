package com.itvision.maintenance.kernel.audit;

/**
 * The first link a verification found broken.
 *
 * @param globalIndex  where: the event's global position (for a checkpoint, the position it signed)
 * @param checkpointId the checkpoint whose signed head no longer matches, for CHAIN_REWRITTEN_AFTER_CHECKPOINT
 */
public record BrokenLink(Kind kind, long globalIndex, String aggregateIdentifier, Long sequenceNumber,
                         Long checkpointId, String detail) {

    public enum Kind {
        /** the payload bytes no longer hash to the payload_hash stored when the event was written */
        PAYLOAD_EDITED,
        /** the metadata bytes (actor, role, correlation, reason) no longer hash to their stored hash */
        METADATA_EDITED,
        /** another hashed field (type, revision, aggregate, sequence, timestamp, id) or a stored hash was edited */
        EVENT_EDITED,
        /** an event the chain links to is not in the store: its aggregate or the global chain skips it */
        EVENT_MISSING,
        /** events are not in the order they were sealed or their aggregate's sequence says */
        ORDER_CHANGED,
        /** an event links to a predecessor whose hash is not the one it was chained to */
        LINK_BROKEN,
        /** an event the sealer never sealed sits among sealed ones (inserted after the fact) */
        EVENT_INSERTED,
        /** a checkpoint's signed head no longer matches the chain recomputed from the stored events */
        CHAIN_REWRITTEN_AFTER_CHECKPOINT,
        /** a checkpoint's signature does not verify with the trusted public key */
        CHECKPOINT_SIGNATURE_INVALID
    }
}
