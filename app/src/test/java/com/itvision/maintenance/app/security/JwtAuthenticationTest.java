package com.itvision.maintenance.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.itvision.maintenance.app.MaintenanceApplication;
import com.itvision.maintenance.app.support.Api;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With a JWT key configured, bearer tokens are accepted beside HTTP Basic; roles come from a claim. A
 * token must be signed by the key, carry an unexpired {@code exp}, not be used before {@code nbf} or
 * before its {@code iat}, and name this API ({@code maintenance-api}) in {@code aud}.
 */
class JwtAuthenticationTest {
    @TempDir
    static Path dir;
    private static KeyPair keys;
    private static ConfigurableApplicationContext app;
    private static Api api;
    /** The default of maintenance.security.jwt-audience. */
    private static final String AUDIENCE = "maintenance-api";

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        Path publicKey = dir.resolve("public.pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        app = new SpringApplicationBuilder(MaintenanceApplication.class).run(
                "--server.port=0",
                "--maintenance.embedded-db.data-dir=" + dir.resolve("db"),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey);
        // the contracts are read from the read model: every GET waits for it to reach the store's head
        org.springframework.jdbc.core.simple.JdbcClient jdbc = app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        api = new Api(((WebServerApplicationContext) app).getWebServer().getPort(), () -> jdbc.sql(
                "SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_signed_token_with_the_admin_role_may_register_a_client() throws Exception {
        var created = api.anonymous().header("Authorization", "Bearer " + token("sso-admin", List.of("ADMIN"), null))
                .post("/api/v1/clients", Map.of("name", "Client via SSO"));
        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void roles_come_from_the_claim_and_a_client_token_sees_only_its_client() throws Exception {
        String clientA = token("sso-client", List.of("client"), "client-a");
        assertThat(api.anonymous().header("Authorization", "Bearer " + clientA)
                .get("/api/v1/contracts/contract-a-preventive").status()).isEqualTo(200);
        assertThat(api.anonymous().header("Authorization", "Bearer " + clientA)
                .get("/api/v1/contracts/contract-b-full").code()).isEqualTo("CONTRACT_NOT_FOUND");
        var refused = api.anonymous().header("Authorization", "Bearer " + token("sso-tech", List.of("TECHNICIAN"), null))
                .post("/api/v1/projects", Map.of("clientId", "client-a", "name", "Nope"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("ROLE_NOT_ALLOWED");
    }

    @Test
    void a_token_signed_by_another_key_is_refused_and_basic_still_works() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = sign(generator.generateKeyPair(), "intruder", List.of("ADMIN"), null);
        assertRefused("signed by another key", forged);
        assertThat(api.as("admin").get("/api/v1/contracts/contract-a-preventive").status()).isEqualTo(200);
    }

    @Test
    void a_token_without_expiry_expired_not_yet_valid_or_issued_in_the_future_is_refused() throws Exception {
        Instant now = Instant.now();
        Map<String, JWTClaimsSet.Builder> tokens = Map.of(
                "no exp", claims("sso-admin", List.of("ADMIN"), null).expirationTime(null),
                "expired a minute ago", claims("sso-admin", List.of("ADMIN"), null)
                        .issueTime(Date.from(now.minusSeconds(600))).expirationTime(Date.from(now.minusSeconds(60))),
                "not before in 5 minutes", claims("sso-admin", List.of("ADMIN"), null)
                        .notBeforeTime(Date.from(now.plusSeconds(300))),
                "issued in 5 minutes", claims("sso-admin", List.of("ADMIN"), null)
                        .issueTime(Date.from(now.plusSeconds(300))).expirationTime(Date.from(now.plusSeconds(900))));
        for (var token : tokens.entrySet()) {
            assertRefused(token.getKey(), sign(keys, token.getValue()));
        }
    }

    @Test
    void a_token_for_another_audience_or_for_none_is_refused_and_one_naming_this_api_among_others_is_accepted()
            throws Exception {
        assertRefused("another audience", sign(keys, claims("sso-admin", List.of("ADMIN"), null)
                .audience("billing-api")));
        assertRefused("no audience", sign(keys, claims("sso-admin", List.of("ADMIN"), null).audience((String) null)));
        String both = sign(keys, claims("sso-admin", List.of("ADMIN"), null).audience(List.of("billing-api", AUDIENCE)));
        assertThat(api.anonymous().header("Authorization", "Bearer " + both)
                .get("/api/v1/contracts/contract-a-preventive").status()).isEqualTo(200);
    }

    @Test
    void within_the_clock_skew_a_token_just_expired_is_still_accepted() throws Exception {
        String justExpired = sign(keys, claims("sso-admin", List.of("ADMIN"), null)
                .issueTime(Date.from(Instant.now().minusSeconds(300)))
                .expirationTime(Date.from(Instant.now().minusSeconds(5))));
        assertThat(api.anonymous().header("Authorization", "Bearer " + justExpired)
                .get("/api/v1/contracts/contract-a-preventive").status()).isEqualTo(200);
    }

    private static void assertRefused(String what, String token) {
        Api.Response refused = api.anonymous().header("Authorization", "Bearer " + token)
                .get("/api/v1/contracts/contract-a-preventive");
        assertThat(refused.status()).as("%s: %s", what, refused).isEqualTo(401);
        assertThat(refused.code()).as(what).isEqualTo("UNAUTHENTICATED");
        assertThat(refused.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(refused.header("WWW-Authenticate")).as(what).startsWith("Bearer error=\"invalid_token\"");
    }

    private static String token(String subject, List<String> roles, String clientId) throws Exception {
        return sign(keys, claims(subject, roles, clientId));
    }

    private static String sign(KeyPair pair, String subject, List<String> roles, String clientId) throws Exception {
        return sign(pair, claims(subject, roles, clientId));
    }

    /** A valid token's claims: this API's audience, issued now, expiring in 5 minutes. */
    private static JWTClaimsSet.Builder claims(String subject, List<String> roles, String clientId) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                .audience(AUDIENCE).issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
        if (clientId != null) {
            claims.claim("client_id", clientId);
        }
        return claims;
    }

    private static String sign(KeyPair pair, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(pair.getPrivate()));
        return jwt.serialize();
    }
}
