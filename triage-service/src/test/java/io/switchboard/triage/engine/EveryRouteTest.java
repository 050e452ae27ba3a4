package io.switchboard.triage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.triage.pathway.Node;
import io.switchboard.triage.pathway.Pathway;
import io.switchboard.triage.pathway.PathwayCatalogue;
import io.switchboard.triage.pathway.PathwayLoader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of every pathway version shipped, walked answer by answer through the engine to its end point; and
 * replaying the recorded answers reproduces the same disposition.
 */
class EveryRouteTest {

    private static final PathwayCatalogue CATALOGUE = PathwayLoader.loadPackaged();

    static Stream<Arguments> routes() {
        return CATALOGUE.allVersions().stream().flatMap(pathway -> PathwayRoutes.all(pathway).stream()
                .map(route -> Arguments.of(pathway.ref() + ": " + describe(route), pathway, route)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void walkingTheRouteReachesItsEndAndReplayReproducesIt(String name, Pathway pathway, PathwayRoutes.Route route) {
        Walk walk = Walk.start(pathway);
        for (AnsweredQuestion answer : route.answers()) {
            assertThat(walk.atEnd()).isFalse();
            assertThat(walk.current().id()).isEqualTo(answer.questionId());
            walk = walk.answer(answer.questionId(), answer.answerId());
        }
        assertThat(walk.atEnd()).isTrue();
        assertThat(walk.end()).isEqualTo(route.end());
        assertThat(walk.answers()).isEqualTo(route.answers());

        Walk replayed = Walk.replay(pathway, walk.answers());
        assertThat(replayed.end().disposition()).isEqualTo(walk.end().disposition());
        assertThat(replayed.end().id()).isEqualTo(route.end().id());
    }

    @Test
    void theRoutesReachEveryEndOfEveryPathway() {
        for (Pathway pathway : CATALOGUE.allVersions()) {
            Set<String> reached = PathwayRoutes.all(pathway).stream().map(r -> r.end().id()).collect(Collectors.toSet());
            Set<String> ends = new HashSet<>();
            pathway.nodes().values().stream().filter(Node.End.class::isInstance).forEach(n -> ends.add(n.id()));
            assertThat(reached).as(pathway.ref()).isEqualTo(ends);
        }
    }

    @Test
    void routesAreCountedAsExpectedForAKnownPathway() {
        // chest-pain v1: 3 red-flag exits, 3 answers to the history question (two to the transfer), 2 final answers.
        List<PathwayRoutes.Route> routes = PathwayRoutes.all(CATALOGUE.version("chest-pain", 1).orElseThrow());
        assertThat(routes).hasSize(7);
        assertThat(routes).extracting(r -> r.end().disposition().code())
                .containsExactly("SBAMBC1", "SBAMBC2", "SBAMBC2", "SBCLINNOW", "Dx15", "Dx35", "SBCLINNOW");
    }

    private static String describe(PathwayRoutes.Route route) {
        return route.answers().stream().map(a -> a.questionId() + "=" + a.answerId())
                .collect(Collectors.joining(", ")) + " -> " + route.end().disposition().code();
    }
}
