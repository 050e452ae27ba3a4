package io.switchboard.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

/** Dev tokens verify with the dev public key (checked by jose4j, not by our own code) and with nothing else. */
class DevTokensTest {

    /** What a service does with a bearer token: RS256 only, signature, issuer, exp (no skew), iat. */
    private static JwtConsumer verifier(java.security.PublicKey key) {
        return new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKey(key)
                .setExpectedIssuer(DevTokens.ISSUER)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setRequireSubject()
                .build();
    }

    @Test
    void aTokenVerifiesWithTheDevPublicKeyAndCarriesTheRolesAsGroups() throws Exception {
        long before = Instant.now().getEpochSecond();
        String token = DevTokens.issue("alice", Duration.ofMinutes(30), "call-handler", "clinician");

        JwtClaims claims = verifier(DevTokens.publicKey()).processToClaims(token);

        assertThat(claims.getIssuer()).isEqualTo("https://switchboard.local/dev-issuer");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaimValue("upn")).isEqualTo("alice");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("call-handler", "clinician");
        assertThat(claims.getIssuedAt().getValue()).isBetween(before, Instant.now().getEpochSecond());
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(1800);
        assertThat(claims.getJwtId()).isNotBlank();
        assertThat(claims.getClaimNames()).containsExactlyInAnyOrder("iss", "sub", "upn", "groups", "iat", "exp",
                "jti");
    }

    @Test
    void theHeaderNamesRs256AndTheDevKeyId() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(DevTokens.issue("bob", Duration.ofMinutes(1), "ops"));
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("RS256");
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo("switchboard-dev");
        assertThat(jws.getHeader("typ")).isEqualTo("JWT");
    }

    @Test
    void eachTokenHasItsOwnJwtId() throws Exception {
        JwtConsumer verifier = verifier(DevTokens.publicKey());
        String first = verifier.processToClaims(DevTokens.issue("a", Duration.ofMinutes(1), "ops")).getJwtId();
        String second = verifier.processToClaims(DevTokens.issue("a", Duration.ofMinutes(1), "ops")).getJwtId();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aTokenSignedByAnotherKeyDoesNotVerify() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair other = generator.generateKeyPair();
        String forged = DevTokens.issue(DevTokens.ISSUER, "mallory", Instant.now(), Duration.ofMinutes(5),
                other.getPrivate(), "ops");

        assertThatThrownBy(() -> verifier(DevTokens.publicKey()).processToClaims(forged))
                .isInstanceOfSatisfying(InvalidJwtException.class,
                        e -> assertThat(e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)).isTrue());
        // ... and it is a well-formed token: it verifies with the key that did sign it.
        assertThat(verifier(other.getPublic()).processToClaims(forged).getSubject()).isEqualTo("mallory");
    }

    @Test
    void anExpiredTokenDoesNotVerify() {
        String expired = DevTokens.issue(DevTokens.ISSUER, "alice", Instant.now().minus(Duration.ofHours(2)),
                Duration.ofHours(1), DevTokens.privateKey(), "ops");

        assertThatThrownBy(() -> verifier(DevTokens.publicKey()).processToClaims(expired))
                .isInstanceOfSatisfying(InvalidJwtException.class, e -> assertThat(e.hasExpired()).isTrue());
    }

    @Test
    void aTokenFromAnotherIssuerDoesNotVerify() {
        String token = DevTokens.issue("https://elsewhere.example/issuer", "alice", Instant.now(),
                Duration.ofMinutes(5), DevTokens.privateKey(), "ops");

        assertThatThrownBy(() -> verifier(DevTokens.publicKey()).processToClaims(token))
                .isInstanceOfSatisfying(InvalidJwtException.class,
                        e -> assertThat(e.hasErrorCode(ErrorCodes.ISSUER_INVALID)).isTrue());
    }

    @Test
    void claimValuesAreJsonEscaped() throws Exception {
        String subject = "o'brien \"the\" \\ tester\n\u00e9";
        JwtClaims claims = verifier(DevTokens.publicKey())
                .processToClaims(DevTokens.issue(subject, Duration.ofMinutes(1), "viewer"));
        assertThat(claims.getSubject()).isEqualTo(subject);
    }

    @Test
    void theDevPublicKeyIsRsa2048InPem() {
        assertThat(DevTokens.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n")
                .contains("-----END PUBLIC KEY-----");
        assertThat(DevTokens.publicKey().getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void aLifetimeMustBePositive() {
        assertThatThrownBy(() -> DevTokens.issue("alice", Duration.ZERO, "ops"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mainPrintsOnlyTheToken() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            DevTokens.main(new String[] {"local-dev", "ops", "viewer", "--hours", "2"});
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\R");

        JwtClaims claims = verifier(DevTokens.publicKey()).processToClaims(out.strip());
        assertThat(claims.getSubject()).isEqualTo("local-dev");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("ops", "viewer");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(7200);
    }
}
