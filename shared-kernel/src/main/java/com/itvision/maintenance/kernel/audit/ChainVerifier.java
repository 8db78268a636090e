package com.itvision.maintenance.kernel.audit;

import com.itvision.maintenance.kernel.audit.BrokenLink.Kind;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The link checks of a verification, fed the events in global order with their hashes already recomputed from the
 * stored bytes ({@link ParallelVerification} recomputes them on several threads). Not thread-safe: one feeder.
 * Stops at the first broken link, which {@link #report} names.
 */
public final class ChainVerifier {
    private enum Mode { FULL, SINCE_CHECKPOINT, AGGREGATE }

    private final Mode mode;
    private final String scope;
    private final List<SignedCheckpoint> checkpoints;
    private final Map<String, Last> lastByAggregate = new HashMap<>();
    private int nextCheckpoint;
    private int checkpointsChecked;
    private Long lastSealIndex;
    private byte[] lastSeal;
    private boolean unsealedSeen;
    private long unsealed;
    private long checked;
    private long firstIndex = -1;
    private long lastIndex;
    private BrokenLink broken;

    private record Last(long sequenceNumber, byte[] eventHash) {
    }

    private ChainVerifier(Mode mode, String scope, List<SignedCheckpoint> checkpoints) {
        this.mode = mode;
        this.scope = scope;
        this.checkpoints = new ArrayList<>(checkpoints);
        this.checkpoints.sort(Comparator.comparingLong(SignedCheckpoint::lastGlobalIndex));
    }

    /**
     * The whole store from its first event, against {@code checkpoints}; each must verify with {@code trusted}
     * (else CHECKPOINT_SIGNATURE_INVALID) unless {@code trusted} is null, in which case checkpoints are skipped.
     */
    public static ChainVerifier full(List<SignedCheckpoint> checkpoints, PublicKey trusted) {
        ChainVerifier verifier = new ChainVerifier(Mode.FULL, "store", trusted == null ? List.of() : checkpoints);
        verifier.checkSignatures(trusted);
        return verifier;
    }

    /**
     * The events after {@code anchor}'s position, chained from its signed head; the events must carry
     * {@link StoredEvent#priorEventHash} for aggregates that began before it. {@code storedSealAtAnchor} is the seal
     * the store holds at the anchor's position: it must still be the signed head.
     */
    public static ChainVerifier since(SignedCheckpoint anchor, List<SignedCheckpoint> later, PublicKey trusted,
                                      byte[] storedSealAtAnchor) {
        List<SignedCheckpoint> all = new ArrayList<>(later);
        all.add(anchor);
        ChainVerifier verifier = new ChainVerifier(Mode.SINCE_CHECKPOINT, "since checkpoint " + anchor.id(), all);
        verifier.checkSignatures(trusted);
        verifier.lastSealIndex = anchor.lastGlobalIndex() == 0 ? null : anchor.lastGlobalIndex();
        verifier.lastSeal = anchor.lastGlobalIndex() == 0 ? null : anchor.headHash();
        verifier.checkpoints.remove(anchor);
        if (verifier.broken == null && anchor.lastGlobalIndex() > 0
                && !EventHashes.same(storedSealAtAnchor, anchor.headHash())) {
            verifier.broken = new BrokenLink(Kind.CHAIN_REWRITTEN_AFTER_CHECKPOINT, anchor.lastGlobalIndex(), null,
                    null, anchor.id(), "the store's seal at position " + anchor.lastGlobalIndex()
                    + " is not the head checkpoint " + anchor.id() + " signed: the chain up to it was rewritten");
        }
        return verifier;
    }

    /** One aggregate's events in sequence order; each seal is checked against its stored predecessor. */
    public static ChainVerifier aggregate(String aggregateIdentifier) {
        return new ChainVerifier(Mode.AGGREGATE, "aggregate " + aggregateIdentifier, List.of());
    }

    private void checkSignatures(PublicKey trusted) {
        for (SignedCheckpoint cp : checkpoints) {
            if (trusted != null && !cp.verifiesWith(trusted)) {
                broken = new BrokenLink(Kind.CHECKPOINT_SIGNATURE_INVALID, cp.lastGlobalIndex(), null, null, cp.id(),
                        "checkpoint " + cp.id() + " does not verify with key " + Ed25519Keys.keyId(trusted));
                return;
            }
        }
    }

    public boolean isBroken() {
        return broken != null;
    }

    /**
     * Checks one event whose hashes were recomputed as {@code payloadHash}, {@code metaDataHash} and
     * {@code eventHash} (the latter over its stored aggregate_prev_hash). False once a link is broken.
     */
    public boolean accept(StoredEvent e, byte[] payloadHash, byte[] metaDataHash, byte[] eventHash) {
        if (broken != null) {
            return false;
        }
        long g = e.globalIndex();
        if (mode != Mode.AGGREGATE && !passCheckpointsBefore(g)) {
            return false;
        }
        checked++;
        if (firstIndex < 0) {
            firstIndex = g;
        }
        lastIndex = g;
        if (!EventHashes.same(payloadHash, e.payloadHash())) {
            return fail(Kind.PAYLOAD_EDITED, e, "the payload does not hash to the payload_hash stored with it");
        }
        if (!EventHashes.same(metaDataHash, e.metaDataHash())) {
            return fail(Kind.METADATA_EDITED, e, "the metadata does not hash to the meta_data_hash stored with it");
        }
        if (!EventHashes.same(eventHash, e.eventHash())) {
            return fail(Kind.EVENT_EDITED, e, "type, revision, aggregate, sequence, timestamp, id or a stored hash "
                    + "no longer hash to the event_hash stored with it");
        }
        return checkAggregateLink(e) && checkSeal(e) && (mode == Mode.AGGREGATE || passCheckpointAt(g));
    }

    private boolean checkAggregateLink(StoredEvent e) {
        long seq = e.sequenceNumber();
        Last last = lastByAggregate.get(e.aggregateIdentifier());
        byte[] expected;
        if (last == null) {
            if (seq == 0) {
                expected = null;
            } else if (mode != Mode.FULL && e.priorEventHash() != null) {
                expected = e.priorEventHash();
            } else {
                return fail(Kind.EVENT_MISSING, e, "event " + (seq - 1) + " of this aggregate is not in the store");
            }
        } else if (last.sequenceNumber() >= seq) {
            return fail(Kind.ORDER_CHANGED, e, "sequence " + seq + " comes after sequence " + last.sequenceNumber()
                    + " of the same aggregate");
        } else if (last.sequenceNumber() < seq - 1) {
            return fail(Kind.EVENT_MISSING, e, "event " + (seq - 1) + " of this aggregate is not in the store");
        } else {
            expected = last.eventHash();
        }
        if (!EventHashes.same(expected, e.aggregatePrevHash())) {
            return fail(Kind.LINK_BROKEN, e, "aggregate_prev_hash is not the event_hash of sequence " + (seq - 1));
        }
        lastByAggregate.put(e.aggregateIdentifier(), new Last(seq, e.eventHash()));
        return true;
    }

    private boolean checkSeal(StoredEvent e) {
        if (e.sealHash() == null) {
            unsealed++;
            unsealedSeen = true;
            return true;
        }
        if (mode == Mode.AGGREGATE) {
            if (e.sealPrevGlobalIndex() != null && e.priorSealHash() == null) {
                return fail(Kind.EVENT_MISSING, e, "the sealed event at position " + e.sealPrevGlobalIndex()
                        + " before this one is gone");
            }
            if (!EventHashes.same(EventHashes.sealHash(e.priorSealHash(), e.globalIndex(), e.eventHash()), e.sealHash())) {
                return fail(Kind.ORDER_CHANGED, e, "the event at this position is not the one sealed here");
            }
            return true;
        }
        if (unsealedSeen) {
            return fail(Kind.EVENT_INSERTED, e, "an unsealed event precedes this sealed one: it was added afterwards");
        }
        Long prev = e.sealPrevGlobalIndex();
        if (prev == null ? lastSealIndex != null : !prev.equals(lastSealIndex)) {
            if (prev != null && (lastSealIndex == null || prev > lastSealIndex)) {
                return fail(Kind.EVENT_MISSING, e, "the sealed event at position " + prev + " is gone");
            }
            return fail(Kind.ORDER_CHANGED, e, "sealed after position " + prev + " but found after " + lastSealIndex);
        }
        byte[] seal = EventHashes.sealHash(lastSeal, e.globalIndex(), e.eventHash());
        if (!EventHashes.same(seal, e.sealHash())) {
            return fail(Kind.ORDER_CHANGED, e, "the event at this position is not the one sealed here");
        }
        lastSeal = seal;
        lastSealIndex = e.globalIndex();
        return true;
    }

    /** Checkpoints whose position lies before {@code g} must have been met exactly. */
    private boolean passCheckpointsBefore(long g) {
        while (nextCheckpoint < checkpoints.size() && checkpoints.get(nextCheckpoint).lastGlobalIndex() < g) {
            if (!matches(checkpoints.get(nextCheckpoint))) {
                return false;
            }
        }
        return true;
    }

    private boolean passCheckpointAt(long g) {
        while (nextCheckpoint < checkpoints.size() && checkpoints.get(nextCheckpoint).lastGlobalIndex() == g) {
            if (!matches(checkpoints.get(nextCheckpoint))) {
                return false;
            }
        }
        return true;
    }

    private boolean matches(SignedCheckpoint cp) {
        nextCheckpoint++;
        checkpointsChecked++;
        if (cp.lastGlobalIndex() == 0) {
            return true; // signed over an empty store
        }
        if (lastSealIndex == null || lastSealIndex != cp.lastGlobalIndex() || !EventHashes.same(lastSeal, cp.headHash())) {
            broken = new BrokenLink(Kind.CHAIN_REWRITTEN_AFTER_CHECKPOINT, cp.lastGlobalIndex(), null, null, cp.id(),
                    "checkpoint " + cp.id() + " signed head " + b64(cp.headHash()) + " at position "
                            + cp.lastGlobalIndex() + "; the chain recomputed from the stored events has "
                            + (lastSealIndex == null ? "no seal there" : b64(lastSeal) + " at position " + lastSealIndex)
                            + ": an event at or before that position was rewritten, removed or moved");
            return false;
        }
        return true;
    }

    private boolean fail(Kind kind, StoredEvent e, String detail) {
        broken = new BrokenLink(kind, e.globalIndex(), e.aggregateIdentifier(), e.sequenceNumber(), null, detail);
        return false;
    }

    /** A verification's outcome; {@code eventsPerSecond} over {@code elapsedMillis}. */
    public record Report(boolean intact, String scope, long eventsChecked, Long firstGlobalIndex, Long lastGlobalIndex,
                         Long sealedUpTo, String headHash, long unsealedEvents, int checkpointsChecked,
                         BrokenLink firstBroken, long elapsedMillis, long eventsPerSecond) {
    }

    /** Ends the verification: checkpoints beyond the last event must still be met. */
    public Report report(long elapsedNanos) {
        if (broken == null && mode != Mode.AGGREGATE) {
            while (nextCheckpoint < checkpoints.size()) {
                if (!matches(checkpoints.get(nextCheckpoint))) {
                    break;
                }
            }
        }
        long millis = elapsedNanos / 1_000_000;
        return new Report(broken == null, scope, checked, firstIndex < 0 ? null : firstIndex,
                checked == 0 ? null : lastIndex, lastSealIndex, lastSeal == null ? null : b64(lastSeal), unsealed,
                checkpointsChecked, broken, millis, elapsedNanos <= 0 ? 0 : checked * 1_000_000_000L / elapsedNanos);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
