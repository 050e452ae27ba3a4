package io.switchboard.callingest.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PbxClockTest {

    static final Instant WALL = Instant.parse("2026-11-22T00:47:00Z");
    static final Instant PBX = Instant.parse("2026-11-16T15:08:57Z");

    @Test
    void isThisMachinesClockUntilThePbxHasSpoken() {
        assertThat(new PbxClock().at(WALL)).isEqualTo(WALL);
    }

    @Test
    void carriesTheLatestEventTimeForwardByTheTimeSinceItArrived() {
        PbxClock clock = new PbxClock();
        clock.observe(PBX, WALL);
        assertThat(clock.at(WALL.plusMillis(1500))).isEqualTo(PBX.plusMillis(1500));
        assertThat(clock.at(WALL.minusSeconds(5))).as("never before the latest event").isEqualTo(PBX);
    }

    @Test
    void anOlderEventDoesNotTurnTheClockBack() {
        PbxClock clock = new PbxClock();
        clock.observe(PBX, WALL);
        clock.observe(PBX.minusSeconds(600), WALL.plusSeconds(1));
        assertThat(clock.at(WALL.plusSeconds(2))).isEqualTo(PBX.plusSeconds(2));
    }
}
