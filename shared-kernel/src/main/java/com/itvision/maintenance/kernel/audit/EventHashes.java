package com.itvision.maintenance.kernel.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The canonical form of a stored event and its hashes (ADR 0014), defined once: the V22 trigger computes the same
 * bytes in SQL (EventHashAgreementTest), the application's verifier and the offline verifier recompute them here.
 *
 * <pre>
 * payload_hash   = SHA-256(payload bytes)
 * meta_data_hash = SHA-256(meta_data bytes), or none when the column is NULL
 * event_hash     = SHA-256("maintenance-event/v1" || lp(aggregate_prev_hash) || lp(payload_hash) || lp(meta_data_hash)
 *                  || lp(type) || lp(payload_type) || lp(payload_revision) || lp(aggregate_identifier)
 *                  || int8(sequence_number) || lp(time_stamp) || lp(event_identifier))
 * seal_hash      = SHA-256(previous seal_hash, or 32 zero bytes || int8(global_index) || event_hash)
 * </pre>
 * {@code lp(x)} is a 4-byte big-endian length then the bytes (text in UTF-8); NULL is the length -1 alone. The
 * aggregate_prev_hash is the event_hash of the same aggregate's previous sequence number (none for its first).
 * Hashes over the stored bytes, never over parsed JSON: a verifier needs no serializer.
 */
public final class EventHashes {
    public static final int HASH_BYTES = 32;
    static final byte[] ZERO = new byte[HASH_BYTES];
    private static final byte[] EVENT_DOMAIN = "maintenance-event/v1".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(EventHashes::newDigest);

    private EventHashes() {
    }

    public static byte[] sha256(byte[] bytes) {
        return SHA256.get().digest(bytes);
    }

    public static byte[] payloadHash(byte[] payload) {
        return sha256(payload);
    }

    public static byte[] metaDataHash(byte[] metaData) {
        return metaData == null ? null : sha256(metaData);
    }

    public static byte[] eventHash(byte[] aggregatePrevHash, byte[] payloadHash, byte[] metaDataHash, String type,
                                   String payloadType, String payloadRevision, String aggregateIdentifier,
                                   long sequenceNumber, String timeStamp, String eventIdentifier) {
        MessageDigest digest = SHA256.get();
        digest.update(EVENT_DOMAIN);
        field(digest, aggregatePrevHash);
        field(digest, payloadHash);
        field(digest, metaDataHash);
        field(digest, type);
        field(digest, payloadType);
        field(digest, payloadRevision);
        field(digest, aggregateIdentifier);
        digest.update(int8(sequenceNumber));
        field(digest, timeStamp);
        field(digest, eventIdentifier);
        return digest.digest();
    }

    /** The event's hash from its stored fields, chained to {@code aggregatePrevHash}. */
    public static byte[] eventHash(StoredEvent e, byte[] payloadHash, byte[] metaDataHash) {
        return eventHash(e.aggregatePrevHash(), payloadHash, metaDataHash, e.type(), e.payloadType(),
                e.payloadRevision(), e.aggregateIdentifier(), e.sequenceNumber(), e.timeStamp(), e.eventIdentifier());
    }

    public static byte[] sealHash(byte[] previousSeal, long globalIndex, byte[] eventHash) {
        MessageDigest digest = SHA256.get();
        digest.update(previousSeal == null ? ZERO : previousSeal);
        digest.update(int8(globalIndex));
        digest.update(eventHash);
        return digest.digest();
    }

    public static boolean same(byte[] a, byte[] b) {
        return Arrays.equals(a, b);
    }

    private static void field(MessageDigest digest, String text) {
        field(digest, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest digest, byte[] bytes) {
        if (bytes == null) {
            digest.update(int4(-1));
        } else {
            digest.update(int4(bytes.length));
            digest.update(bytes);
        }
    }

    static byte[] int4(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] int8(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
