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

/** With a JWT key configured, bearer tokens are accepted beside HTTP Basic; roles come from a claim. */
class JwtAuthenticationTest {
    @TempDir
    static Path dir;
    private static KeyPair keys;
    private static ConfigurableApplicationContext app;
    private static Api api;

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
        api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
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
                .get("/api/v1/contracts/contract-a-preventive/state").status()).isEqualTo(200);
        assertThat(api.anonymous().header("Authorization", "Bearer " + clientA)
                .get("/api/v1/contracts/contract-b-full/state").code()).isEqualTo("CONTRACT_NOT_FOUND");
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
        var refused = api.anonymous().header("Authorization", "Bearer " + forged).get("/api/v1/contracts/contract-a-preventive/state");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(api.as("admin").get("/api/v1/contracts/contract-a-preventive/state").status()).isEqualTo(200);
    }

    private static String token(String subject, List<String> roles, String clientId) throws Exception {
        return sign(keys, subject, roles, clientId);
    }

    private static String sign(KeyPair pair, String subject, List<String> roles, String clientId) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", roles)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
        if (clientId != null) {
            claims.claim("client_id", clientId);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(pair.getPrivate()));
        return jwt.serialize();
    }
}
