package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    private static final String KEY = "test-only-key-0123456789abcdef";
    private final Pseudonymiser pseudonymiser = new Pseudonymiser(KEY);

    @Test
    void deterministic() {
        assertThat(pseudonymiser.caller("+447700900123")).isEqualTo(new Pseudonymiser(KEY).caller("+447700900123"));
    }

    @Test
    void tokenIsKindColonThirtyTwoHexDigits() {
        String token = pseudonymiser.caller("+447700900123");
        assertThat(token).matches(Pseudonymiser.TOKEN_PATTERN).startsWith("caller:").hasSize("caller:".length() + 32);
        assertThat(pseudonymiser.agent("PJSIP/ch-1042")).matches("agent:[0-9a-f]{32}");
    }

    @Test
    void keyDependent() {
        assertThat(new Pseudonymiser("another-key-0123456789abcdef").caller("+447700900123"))
                .isNotEqualTo(pseudonymiser.caller("+447700900123"));
    }

    @Test
    void kindDependent() {
        String asCaller = pseudonymiser.pseudonymise("caller", "9434765919");
        String asNhsNumber = pseudonymiser.pseudonymise("nhs-number", "9434765919");
        assertThat(hex(asCaller)).isNotEqualTo(hex(asNhsNumber));
    }

    @Test
    void formattingOfTheNumberDoesNotMatter() {
        assertThat(pseudonymiser.caller("+44 7700 900123")).isEqualTo(pseudonymiser.caller("+447700900123"))
                .isEqualTo(pseudonymiser.caller("(+44) 7700-900123"));
    }

    @Test
    void differentNumbersGiveDifferentTokens() {
        assertThat(pseudonymiser.caller("+447700900123")).isNotEqualTo(pseudonymiser.caller("+447700900124"));
    }

    @Test
    void neverContainsTheDigitsOfTheInput() {
        for (String number : List.of("+447700900123", "07700900123", "01132345678", "999", "9434765919")) {
            String digits = number.replaceAll("[^0-9]", "");
            for (String token : List.of(pseudonymiser.caller(number), pseudonymiser.pseudonymise("nhs-number", number))) {
                assertThat(token).doesNotContain(digits);
                if (digits.length() > 6) {
                    assertThat(token).doesNotContain(digits.substring(digits.length() - 6));
                }
            }
        }
    }

    @Test
    void nullOrBlankGivesNull() {
        assertThat(pseudonymiser.caller(null)).isNull();
        assertThat(pseudonymiser.caller("  ")).isNull();
    }

    @Test
    void rejectsShortOrMissingKey() {
        assertThatThrownBy(() -> new Pseudonymiser("too-short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SWITCHBOARD_HMAC_KEY")
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> new Pseudonymiser(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Pseudonymiser("0123456789abcdef").caller("1")).isNotNull(); // exactly 16 bytes is enough
    }

    @Test
    void rejectsKindsThatCannotPrefixAToken() {
        for (String kind : new String[] {null, "", "Caller", "caller:x", "nhs number", "9digits"}) {
            assertThatThrownBy(() -> pseudonymiser.pseudonymise(kind, "123"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("kind");
        }
    }

    private static String hex(String token) {
        return token.substring(token.indexOf(':') + 1);
    }
}
