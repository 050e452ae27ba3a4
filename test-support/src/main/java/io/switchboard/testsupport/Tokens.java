package io.switchboard.testsupport;

import io.switchboard.localinfra.DevTokens;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;

/**
 * Bearer tokens for tests of applications configured by {@link JwtTestResource}, e.g. with REST Assured:
 * {@code given().auth().oauth2(Tokens.forRoles("ops")).get("/kpi/...")}. DEV/TEST ONLY (see {@link DevTokens}).
 */
public final class Tokens {

    /** The subject ({@code sub} and {@code upn}) of every token from {@link #forRoles}. */
    public static final String TEST_USER = "test-user";
    /** How long a token from {@link #forRoles} or {@link #forSubject} stays valid. */
    public static final Duration LIFETIME = Duration.ofHours(1);

    private static PrivateKey anotherKey;

    private Tokens() {
    }

    /** A valid token for {@value #TEST_USER} with these roles (none: authenticated, but allowed nothing). */
    public static String forRoles(String... roles) {
        return forSubject(TEST_USER, roles);
    }

    /** A valid token for {@code subject} with these roles, for tests that check who did something. */
    public static String forSubject(String subject, String... roles) {
        return DevTokens.issue(subject, LIFETIME, roles);
    }

    /**
     * Correctly signed by the dev key, but expired an hour ago: well past smallrye-jwt's default clock skew
     * ({@code mp.jwt.verify.clock.skew}, 60 s). Expect 401.
     */
    public static String expired(String... roles) {
        return DevTokens.issue(DevTokens.ISSUER, TEST_USER, Instant.now().minus(Duration.ofHours(2)),
                Duration.ofHours(1), DevTokens.privateKey(), roles);
    }

    /**
     * Right issuer, claims and roles, but signed by a throwaway RSA key generated in this JVM, not the dev key: a
     * forged token. Expect 401.
     */
    public static String signedByAnotherKey(String... roles) {
        return DevTokens.issue(DevTokens.ISSUER, TEST_USER, Instant.now(), LIFETIME, anotherKey(), roles);
    }

    /** Signed by the dev key, but from an issuer the application does not trust. Expect 401. */
    public static String fromAnotherIssuer(String... roles) {
        return DevTokens.issue("https://untrusted.example/issuer", TEST_USER, Instant.now(), LIFETIME,
                DevTokens.privateKey(), roles);
    }

    private static synchronized PrivateKey anotherKey() {
        if (anotherKey == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                anotherKey = generator.generateKeyPair().getPrivate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate an RSA key", e);
            }
        }
        return anotherKey;
    }
}
