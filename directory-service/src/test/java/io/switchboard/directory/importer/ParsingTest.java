package io.switchboard.directory.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.directory.store.Postcodes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsingTest {

    @Test
    void csvKeepsQuotedCommasQuotesAndLineBreaksAndNumbersRecordsByLine() {
        List<Csv.Record> records = Csv.parse("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",3\n\n\"two\nlines\",,end\n");
        assertThat(records).hasSize(3);
        assertThat(records.get(1).fields()).containsExactly("x, y", "say \"hi\"", "3");
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(records.get(2).fields()).containsExactly("two\nlines", "", "end");
        assertThat(records.get(2).line()).as("after a blank line").isEqualTo(4);
    }

    @Test
    void postcodesNormaliseAndLookUpFullSectorDistrict() {
        assertThat(Postcodes.normalise("ls14ap")).isEqualTo("LS1 4AP");
        assertThat(Postcodes.normalise(" sw1a 1aa ")).isEqualTo("SW1A 1AA");
        assertThat(Postcodes.normalise("ls1")).isEqualTo("LS1");
        assertThat(Postcodes.normalise("LS1 4")).isEqualTo("LS1 4");
        assertThatThrownBy(() -> Postcodes.normalise("not a postcode")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Postcodes.normalise("12345")).isInstanceOf(IllegalArgumentException.class);
    }
}
