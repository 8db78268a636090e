package com.itvision.maintenance.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bearer tokens as an identity provider would issue them: RS256, signed with a key pair made for this run
 * whose public half the application is started with (spring.security.oauth2.resourceserver.jwt.public-key-location).
 * The claims are the directory entry's: {@code sub} = user id, {@code roles}, {@code client_id}, the audience
 * the application requires, valid for a day.
 */
final class Jwt {
    private final KeyPair keys;

    Jwt() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.keys = generator.generateKeyPair();
    }

    Path writePublicKey(Path file) throws java.io.IOException {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Files.createDirectories(file.getParent());
        Files.writeString(file, pem);
        return file;
    }

    String token(String subject, String role, String clientId) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        claims.put("roles", List.of(role));
        if (clientId != null) {
            claims.put("client_id", clientId);
        }
        claims.put("aud", "maintenance-api");
        claims.put("iat", now.getEpochSecond() - 60);
        claims.put("exp", now.plusSeconds(86_400).getEpochSecond());
        try {
            String signingInput = encode(Http.JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")))
                    + "." + encode(Http.JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(keys.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + encode(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
