package io.switchboard.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * DEV/TEST ONLY bearer tokens for Switchboard's tests and the local platform: RS256 JWTs in the MicroProfile JWT
 * shape ({@code iss}, {@code sub}, {@code upn}, {@code groups} = roles, {@code iat}, {@code exp}, {@code jti}),
 * signed with the key pair under {@code io/switchboard/localinfra/dev-jwt/}.
 *
 * <p>The private key is committed to the repository, so anyone can mint any role with it: a service that trusts
 * {@link #publicKeyPem()} or {@link #ISSUER} is open to everyone. Only tests and {@code deploy/local} configure it;
 * production services verify tokens from the organisation's identity provider (docs/operators/authentication.md).
 *
 * <p>Signed with plain JDK code rather than smallrye-jwt-build: that library reads its defaults through
 * {@code ConfigProvider.getConfig()} on every {@code sign(...)} and its claim names load {@code jakarta.json}, so
 * outside a Quarkus/MicroProfile application (the local platform, the {@code deploy/local/token} script) it fails
 * with "No ConfigProviderResolver implementation found!" unless a MicroProfile Config implementation and
 * jakarta.json-api are added to the classpath.
 *
 * <p>From a shell: {@code java -cp ... io.switchboard.localinfra.DevTokens <subject> <role> [<role>...] [--hours N]}
 * prints just the token.
 */
public final class DevTokens {

    /** The {@code iss} of every dev token; services on the local platform and in tests verify against it. */
    public static final String ISSUER = "https://switchboard.local/dev-issuer";
    /** The {@code kid} header of every dev token. */
    public static final String KEY_ID = "switchboard-dev";
    /** Lifetime of a token minted by {@link #main} when no {@code --hours} is given. */
    public static final Duration DEFAULT_CLI_LIFETIME = Duration.ofHours(8);
    /** The roles Switchboard's services check; {@link #main} warns about any other (a typo gets a 403). */
    public static final Set<String> SWITCHBOARD_ROLES = Set.of("call-handler", "clinician", "service-manager", "ops",
            "viewer", "directory-reader");

    private static final String RESOURCE_DIR = "/io/switchboard/localinfra/dev-jwt/";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static volatile PrivateKey devPrivateKey;

    private DevTokens() {
    }

    /** The dev public key as PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo). */
    public static String publicKeyPem() {
        return resource("public-key.pem");
    }

    /** The dev public key, for verifying in code. */
    public static RSAPublicKey publicKey() {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(pemBody(publicKeyPem(), "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the dev public key does not parse", e);
        }
    }

    /** The dev private key (it is in this jar anyway), for negative tests that need the general {@code issue}. */
    public static PrivateKey privateKey() {
        PrivateKey key = devPrivateKey;
        if (key == null) {
            try {
                key = KeyFactory.getInstance("RSA")
                        .generatePrivate(new PKCS8EncodedKeySpec(pemBody(resource("private-key.pem"), "PRIVATE KEY")));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the dev private key does not parse (PKCS#8 expected)", e);
            }
            devPrivateKey = key;
        }
        return key;
    }

    /**
     * A token from {@link #ISSUER} for {@code subject} (also its {@code upn}) with {@code roles} as its
     * {@code groups}, valid from now for {@code lifetime}, signed with the dev private key.
     */
    public static String issue(String subject, Duration lifetime, String... roles) {
        return issue(ISSUER, subject, Instant.now(), lifetime, privateKey(), roles);
    }

    /**
     * The general form, for negative tests: any issuer, issue time (a past one gives an expired token) and signing
     * key (another key gives a token whose signature does not verify).
     */
    public static String issue(String issuer, String subject, Instant issuedAt, Duration lifetime,
            PrivateKey signingKey, String... roles) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(signingKey, "signingKey");
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
        }
        Set<String> groups = new LinkedHashSet<>(List.of(roles)); // List.of rejects null roles
        long iat = issuedAt.getEpochSecond();
        long exp = iat + Math.max(1, lifetime.toSeconds());

        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":" + json(KEY_ID) + "}";
        List<String> quotedGroups = new ArrayList<>();
        groups.forEach(g -> quotedGroups.add(json(g)));
        String claims = "{\"iss\":" + json(issuer)
                + ",\"sub\":" + json(subject)
                + ",\"upn\":" + json(subject)
                + ",\"groups\":[" + String.join(",", quotedGroups) + "]"
                + ",\"iat\":" + iat
                + ",\"exp\":" + exp
                + ",\"jti\":" + json(UUID.randomUUID().toString()) + "}";
        String signingInput = base64Url(header) + "." + base64Url(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(signingKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + signingKey.getAlgorithm() + " key", e);
        }
    }

    /**
     * {@code DevTokens <subject> <role> [<role>...] [--hours N]}: prints the token and nothing else on stdout.
     * Exit status 2 on a usage error.
     */
    public static void main(String[] args) {
        List<String> positional = new ArrayList<>();
        Duration lifetime = DEFAULT_CLI_LIFETIME;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--hours")) {
                if (i + 1 >= args.length) {
                    usage("--hours needs a number");
                }
                try {
                    double hours = Double.parseDouble(args[++i]);
                    lifetime = Duration.ofSeconds(Math.round(hours * 3600));
                } catch (NumberFormatException e) {
                    usage("--hours needs a number, got " + args[i]);
                }
                if (lifetime.isNegative() || lifetime.isZero()) {
                    usage("--hours must be positive");
                }
            } else if (args[i].equals("-h") || args[i].equals("--help")) {
                usage(null);
            } else if (args[i].startsWith("--")) {
                usage("unknown option " + args[i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() < 2) {
            usage("a subject and at least one role are needed");
        }
        String subject = positional.get(0);
        String[] roles = positional.subList(1, positional.size()).toArray(String[]::new);
        for (String role : roles) {
            if (!SWITCHBOARD_ROLES.contains(role)) {
                System.err.println("warning: '" + role + "' is not a Switchboard role "
                        + SWITCHBOARD_ROLES.stream().sorted().toList()
                        + "; the token is issued anyway");
            }
        }
        System.out.println(issue(subject, lifetime, roles));
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println("DevTokens: " + problem);
        }
        System.err.println("usage: DevTokens <subject> <role> [<role>...] [--hours N]   (DEV/TEST ONLY key)");
        System.err.println("roles: " + String.join(" ", SWITCHBOARD_ROLES.stream().sorted().toList()));
        System.exit(problem == null ? 0 : 2);
    }

    private static byte[] pemBody(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("not a PEM " + type);
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static String resource(String name) {
        try (InputStream in = DevTokens.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE_DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64Url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal. */
    private static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
