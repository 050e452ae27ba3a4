package io.switchboard.callingest.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
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
    void learnsOnlyFromEventsCarryingThePbxsTimestamp() {
        PbxClock clock = new PbxClock();
        clock.observe(AmiFrameParser.parse(List.of("Event: Newchannel", "Timestamp: " + PBX.getEpochSecond()
                + ".250000", "Linkedid: 1.1"), WALL));
        clock.observe(AmiFrameParser.parse(List.of("Event: CoreShowChannelsComplete", "ActionID: 1#rs-channels"),
                WALL.plusSeconds(1)));
        assertThat(clock.at(WALL.plusSeconds(2))).as("the answer to an action has no Timestamp: not the PBX's time")
                .isEqualTo(PBX.plusMillis(2250));
    }

    @Test
    void anOlderEventDoesNotTurnTheClockBack() {
        PbxClock clock = new PbxClock();
        clock.observe(PBX, WALL);
        clock.observe(PBX.minusSeconds(600), WALL.plusSeconds(1));
        assertThat(clock.at(WALL.plusSeconds(2))).isEqualTo(PBX.plusSeconds(2));
    }
}
