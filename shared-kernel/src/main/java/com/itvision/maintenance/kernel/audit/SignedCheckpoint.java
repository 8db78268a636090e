package com.itvision.maintenance.kernel.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;

/**
 * A signed statement "the global chain's seal at position {@code lastGlobalIndex} was {@code headHash} at
 * {@code createdAt}", self-contained: it carries the public key it verifies with (whose id is {@code keyId}); an
 * auditor compares that id with the key published out of band.
 */
public record SignedCheckpoint(long id, long lastGlobalIndex, byte[] headHash, String createdAt, String keyId,
                               byte[] publicKey, byte[] signature) {
    public static final String FORMAT = "maintenance-audit-checkpoint/v1";

    public static SignedCheckpoint sign(long id, long lastGlobalIndex, byte[] headHash, String createdAt,
                                        PrivateKey privateKey, PublicKey publicKey) {
        String keyId = Ed25519Keys.keyId(publicKey);
        byte[] message = message(id, lastGlobalIndex, headHash, createdAt, keyId);
        return new SignedCheckpoint(id, lastGlobalIndex, headHash, createdAt, keyId, publicKey.getEncoded(),
                Ed25519Keys.sign(privateKey, message));
    }

    /** The exact bytes signed: the format name, then each field length-prefixed as in {@link EventHashes}. */
    public static byte[] message(long id, long lastGlobalIndex, byte[] headHash, String createdAt, String keyId) {
        byte[] format = FORMAT.getBytes(StandardCharsets.US_ASCII);
        byte[] time = createdAt.getBytes(StandardCharsets.UTF_8);
        byte[] key = keyId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(format.length + 8 + 8 + 4 + headHash.length + 4 + time.length + 4 + key.length)
                .put(format).putLong(id).putLong(lastGlobalIndex)
                .putInt(headHash.length).put(headHash)
                .putInt(time.length).put(time)
                .putInt(key.length).put(key)
                .array();
    }

    /** True when the signature verifies with {@code trusted} and the checkpoint names that key. */
    public boolean verifiesWith(PublicKey trusted) {
        return keyId.equals(Ed25519Keys.keyId(trusted))
                && Ed25519Keys.verify(trusted, message(id, lastGlobalIndex, headHash, createdAt, keyId), signature);
    }

    public String toJson() {
        Base64.Encoder b64 = Base64.getEncoder();
        return new FlatJson()
                .put("format", FORMAT)
                .put("id", id)
                .put("lastGlobalIndex", lastGlobalIndex)
                .put("headHash", b64.encodeToString(headHash))
                .put("createdAt", createdAt)
                .put("algorithm", Ed25519Keys.ALGORITHM)
                .put("keyId", keyId)
                .put("publicKey", b64.encodeToString(publicKey))
                .put("signature", b64.encodeToString(signature))
                .end();
    }

    public static SignedCheckpoint fromJson(String json) {
        Map<String, Object> m = FlatJson.parse(json);
        if (!FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException("Not a " + FORMAT + " document");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new SignedCheckpoint((Long) m.get("id"), (Long) m.get("lastGlobalIndex"),
                b64.decode((String) m.get("headHash")), (String) m.get("createdAt"), (String) m.get("keyId"),
                b64.decode((String) m.get("publicKey")), b64.decode((String) m.get("signature")));
    }
}
