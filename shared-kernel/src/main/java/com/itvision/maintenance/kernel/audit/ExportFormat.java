package com.itvision.maintenance.kernel.audit;

import java.util.Base64;
import java.util.Map;

/**
 * One line of {@code GET /api/v1/audit/export}: every hashed field of an event as stored (bytes in base64), its
 * stored hashes and its seal. The offline verifier rebuilds the {@link StoredEvent} from it.
 */
public final class ExportFormat {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder D64 = Base64.getDecoder();

    private ExportFormat() {
    }

    public static String line(StoredEvent e) {
        return new FlatJson()
                .put("globalIndex", e.globalIndex())
                .put("eventIdentifier", e.eventIdentifier())
                .put("aggregateIdentifier", e.aggregateIdentifier())
                .put("sequenceNumber", e.sequenceNumber())
                .put("type", e.type())
                .put("timeStamp", e.timeStamp())
                .put("payloadType", e.payloadType())
                .put("payloadRevision", e.payloadRevision())
                .put("payload", b64(e.payload()))
                .put("metaData", b64(e.metaData()))
                .put("payloadHash", b64(e.payloadHash()))
                .put("metaDataHash", b64(e.metaDataHash()))
                .put("aggregatePrevHash", b64(e.aggregatePrevHash()))
                .put("eventHash", b64(e.eventHash()))
                .put("sealHash", b64(e.sealHash()))
                .put("sealPrevGlobalIndex", e.sealPrevGlobalIndex())
                .end();
    }

    public static StoredEvent parse(String line) {
        Map<String, Object> m = FlatJson.parse(line);
        return new StoredEvent((Long) m.get("globalIndex"), (String) m.get("eventIdentifier"),
                (String) m.get("aggregateIdentifier"), (Long) m.get("sequenceNumber"), (String) m.get("type"),
                (String) m.get("timeStamp"), (String) m.get("payloadType"), (String) m.get("payloadRevision"),
                bytes(m.get("payload")), bytes(m.get("metaData")), bytes(m.get("payloadHash")),
                bytes(m.get("metaDataHash")), bytes(m.get("aggregatePrevHash")), bytes(m.get("eventHash")),
                bytes(m.get("sealHash")), (Long) m.get("sealPrevGlobalIndex"), null, null);
    }

    private static String b64(byte[] bytes) {
        return bytes == null ? null : B64.encodeToString(bytes);
    }

    private static byte[] bytes(Object value) {
        return value == null ? null : D64.decode((String) value);
    }
}
