package io.switchboard.triage.engine;

import io.switchboard.triage.pathway.Node;
import io.switchboard.triage.pathway.Pathway;
import java.util.ArrayList;
import java.util.List;

/** Every route through a pathway from its start to an end: finite, because a valid pathway has no cycle. */
public final class PathwayRoutes {

    /** One complete route: the answers in order and the end they lead to. */
    public record Route(List<AnsweredQuestion> answers, Node.End end) {
    }

    private PathwayRoutes() {
    }

    public static List<Route> all(Pathway pathway) {
        List<Route> routes = new ArrayList<>();
        walk(pathway, pathway.start(), new ArrayList<>(), routes);
        return routes;
    }

    private static void walk(Pathway pathway, String nodeId, List<AnsweredQuestion> path, List<Route> routes) {
        Node node = pathway.node(nodeId);
        if (node instanceof Node.End end) {
            routes.add(new Route(List.copyOf(path), end));
            return;
        }
        Node.Question question = (Node.Question) node;
        for (Node.Answer answer : question.answers()) {
            path.add(new AnsweredQuestion(question.id(), answer.id()));
            walk(pathway, answer.next(), path, routes);
            path.remove(path.size() - 1);
        }
    }
}
