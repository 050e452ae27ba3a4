package io.switchboard.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.localinfra.DevTokens;
import java.util.Map;

/**
 * Makes a Quarkus test application (with {@code quarkus-smallrye-jwt}) trust the DEV/TEST ONLY key pair of
 * {@link DevTokens}: {@code mp.jwt.verify.publickey} is the dev public key as PEM text and
 * {@code mp.jwt.verify.issuer} is {@link DevTokens#ISSUER}. Mint the tokens with {@link Tokens}.
 *
 * <p>{@code mp.jwt.verify.publickey} takes precedence over a {@code mp.jwt.verify.publickey.location} the
 * application may configure (smallrye-jwt logs a warning when both are set): keep the production location in the
 * {@code %prod} profile.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey", DevTokens.publicKeyPem(),
                "mp.jwt.verify.issuer", DevTokens.ISSUER);
    }

    @Override
    public void stop() {
        // Nothing was started.
    }
}
