package io.switchboard.triage.pathway;

import io.switchboard.events.DispositionCatalogue;
import io.switchboard.triage.pathway.PathwayDocuments.AnswerDocument;
import io.switchboard.triage.pathway.PathwayDocuments.NodeDocument;
import io.switchboard.triage.pathway.PathwayDocuments.PathwayDocument;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Load-time checks of pathway content. A pathway is used only if it is a well-formed directed acyclic graph: a start
 * question, every answer leading to a node of the same pathway, no cycle, no node that cannot be reached, every end a
 * disposition of the catalogue, red flags leading straight to an emergency disposition. Every problem is reported
 * (not just the first), each naming the file and the node.
 */
public final class PathwayValidator {

    /** Pathway ids: lower case, digits and dashes. */
    public static final Pattern PATHWAY_ID = Pattern.compile("[a-z][a-z0-9-]{1,62}");
    /** Node and answer ids. */
    public static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int MAX_AGE = 130;

    private PathwayValidator() {
    }

    /** The file name a pathway version must have: {@code <id>.v<version>.yaml}. */
    public static String fileNameOf(String id, int version) {
        return id + ".v" + version + ".yaml";
    }

    static Pathway pathway(String file, String sha256, PathwayDocument doc, DispositionCatalogue catalogue) {
        List<String> problems = new ArrayList<>();
        checkHeader(file, doc, problems);
        Applicability applicability = applicability(file, doc, problems);

        List<NodeDocument> nodeDocs = doc.nodes() == null ? List.of() : doc.nodes();
        if (nodeDocs.isEmpty()) {
            problems.add(file + ": has no nodes");
        }
        // Ids first, so that answers can be checked against every node whatever the order.
        Map<String, NodeDocument> byId = new LinkedHashMap<>();
        int index = 0;
        for (NodeDocument node : nodeDocs) {
            index++;
            if (node.id() == null || !NODE_ID.matcher(node.id()).matches()) {
                problems.add(file + ": node #" + index + ": id must be lower case letters, digits and dashes, got "
                        + (node.id() == null ? "none" : "'" + node.id() + "'"));
            } else if (byId.putIfAbsent(node.id(), node) != null) {
                problems.add(file + ": node '" + node.id() + "': is defined twice");
            }
        }

        Map<String, Node> nodes = new LinkedHashMap<>();
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (NodeDocument node : byId.values()) {
            String where = file + ": node '" + node.id() + "': ";
            boolean isQuestion = node.question() != null;
            boolean isEnd = node.disposition() != null;
            if (isQuestion == isEnd) {
                problems.add(where + (isQuestion ? "has both a question and a disposition"
                        : "has neither a question nor a disposition"));
                continue;
            }
            if (isEnd) {
                nodes.put(node.id(), end(where, node, catalogue, problems));
                edges.put(node.id(), List.of());
            } else {
                Node.Question question = question(where, node, byId, problems);
                nodes.put(node.id(), question);
                edges.put(node.id(), question.answers().stream().map(Node.Answer::next)
                        .filter(byId::containsKey).toList());
            }
        }
        checkRedFlags(file, nodes, problems);
        checkGraph(file, doc.start(), byId, nodes, edges, problems);

        if (!problems.isEmpty()) {
            throw new PathwayValidationException(problems);
        }
        return new Pathway(doc.id(), doc.version(), doc.title(), doc.summary(), doc.demonstrationContent(),
                doc.notice(), applicability, doc.start(), nodes, file, sha256);
    }

    private static void checkHeader(String file, PathwayDocument doc, List<String> problems) {
        if (doc.id() == null || !PATHWAY_ID.matcher(doc.id()).matches()) {
            problems.add(file + ": id must be lower case letters, digits and dashes (2-63), got "
                    + (doc.id() == null ? "none" : "'" + doc.id() + "'"));
        }
        if (doc.version() == null || doc.version() < 1) {
            problems.add(file + ": version must be a whole number from 1");
        }
        if (doc.id() != null && doc.version() != null && !file.equals(fileNameOf(doc.id(), doc.version()))) {
            problems.add(file + ": must be named " + fileNameOf(doc.id(), doc.version())
                    + " (id and version): a new version is a new file, published versions never change");
        }
        if (blank(doc.title())) {
            problems.add(file + ": has no title");
        }
        if (doc.demonstrationContent() == null) {
            problems.add(file + ": must say demonstrationContent: true or false");
        } else if (doc.demonstrationContent()
                && (doc.notice() == null || !doc.notice().contains(Pathway.DEMONSTRATION_NOTICE))) {
            problems.add(file + ": demonstration content must carry a notice containing \""
                    + Pathway.DEMONSTRATION_NOTICE + "\"");
        }
    }

    private static Applicability applicability(String file, PathwayDocument doc, List<String> problems) {
        var a = doc.applicability();
        if (a == null || a.minAgeYears() == null || a.maxAgeYears() == null || a.sexes() == null) {
            problems.add(file + ": applicability needs minAgeYears, maxAgeYears and sexes");
            return null;
        }
        if (a.minAgeYears() < 0 || a.maxAgeYears() > MAX_AGE || a.minAgeYears() > a.maxAgeYears()) {
            problems.add(file + ": applicability ages must satisfy 0 <= minAgeYears <= maxAgeYears <= " + MAX_AGE);
        }
        if (a.sexes().isEmpty() || !Applicability.SEXES.containsAll(a.sexes())) {
            problems.add(file + ": applicability sexes must be some of " + new TreeSet<>(Applicability.SEXES));
        }
        return new Applicability(a.minAgeYears(), a.maxAgeYears(), Set.copyOf(a.sexes()));
    }

    private static Node.End end(String where, NodeDocument node, DispositionCatalogue catalogue, List<String> problems) {
        if (node.answers() != null || node.guidance() != null) {
            problems.add(where + "an end has a disposition and advice only, not answers or guidance");
        }
        DispositionCatalogue.Entry disposition = catalogue.byCode(node.disposition()).orElse(null);
        if (disposition == null) {
            problems.add(where + "disposition '" + node.disposition() + "' is not in " + catalogue.file());
        }
        return new Node.End(node.id(), disposition, node.advice());
    }

    private static Node.Question question(String where, NodeDocument node, Map<String, NodeDocument> byId,
            List<String> problems) {
        if (node.advice() != null) {
            problems.add(where + "a question has guidance, not advice (advice belongs to an end)");
        }
        if (blank(node.question())) {
            problems.add(where + "the question has no text");
        }
        List<AnswerDocument> answerDocs = node.answers() == null ? List.of() : node.answers();
        if (answerDocs.size() < 2) {
            problems.add(where + "a question needs at least two answers, has " + answerDocs.size());
        }
        List<Node.Answer> answers = new ArrayList<>();
        Set<String> answerIds = new HashSet<>();
        int index = 0;
        for (AnswerDocument answer : answerDocs) {
            index++;
            if (answer.id() == null || !NODE_ID.matcher(answer.id()).matches()) {
                problems.add(where + "answer #" + index + ": id must be lower case letters, digits and dashes, got "
                        + (answer.id() == null ? "none" : "'" + answer.id() + "'"));
                continue;
            }
            if (!answerIds.add(answer.id())) {
                problems.add(where + "answer '" + answer.id() + "' is defined twice");
                continue;
            }
            if (blank(answer.text())) {
                problems.add(where + "answer '" + answer.id() + "' has no text");
            }
            if (answer.next() == null) {
                problems.add(where + "answer '" + answer.id() + "' has no next node");
            } else if (!byId.containsKey(answer.next())) {
                problems.add(where + "answer '" + answer.id() + "' leads to '" + answer.next()
                        + "', which is not a node of this pathway");
            }
            answers.add(new Node.Answer(answer.id(), answer.text(), answer.next(),
                    Boolean.TRUE.equals(answer.redFlag())));
        }
        return new Node.Question(node.id(), node.question(), node.guidance(), List.copyOf(answers));
    }

    private static void checkRedFlags(String file, Map<String, Node> nodes, List<String> problems) {
        boolean any = false;
        for (Node node : nodes.values()) {
            if (!(node instanceof Node.Question question)) {
                continue;
            }
            for (Node.Answer answer : question.answers()) {
                if (!answer.redFlag()) {
                    continue;
                }
                any = true;
                Node next = nodes.get(answer.next());
                if (next instanceof Node.End end) {
                    if (end.disposition() != null && !end.disposition().isEmergency()) {
                        problems.add(file + ": node '" + node.id() + "': red-flag answer '" + answer.id()
                                + "' leads to disposition " + end.disposition().code()
                                + ", which is not an emergency (group ambulance or a-and-e)");
                    }
                } else if (next != null) {
                    problems.add(file + ": node '" + node.id() + "': red-flag answer '" + answer.id()
                            + "' must lead straight to an end (an early exit), not to question '" + next.id() + "'");
                }
            }
        }
        if (!any && !nodes.isEmpty()) {
            problems.add(file + ": has no red-flag exit (an answer with redFlag: true leading to an emergency disposition)");
        }
    }

    private static void checkGraph(String file, String start, Map<String, NodeDocument> byId, Map<String, Node> nodes,
            Map<String, List<String>> edges, List<String> problems) {
        if (start == null) {
            problems.add(file + ": has no start node");
        } else if (!byId.containsKey(start)) {
            problems.add(file + ": start '" + start + "' is not a node of this pathway");
        } else if (nodes.get(start) instanceof Node.End) {
            problems.add(file + ": start '" + start + "' must be a question, not an end");
        }

        // Cycles anywhere in the file (also among nodes the start cannot reach), each reported once at the node
        // whose answer closes it.
        Map<String, Integer> state = new HashMap<>(); // absent: not visited; 1: on the current path; 2: done
        List<String> roots = new ArrayList<>();
        if (start != null && edges.containsKey(start)) {
            roots.add(start);
        }
        roots.addAll(edges.keySet());
        for (String root : roots) {
            if (!state.containsKey(root)) {
                findCycles(file, root, edges, state, new ArrayDeque<>(), problems);
            }
        }

        if (start != null && byId.containsKey(start)) {
            Set<String> reached = new LinkedHashSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(start));
            while (!todo.isEmpty()) {
                String id = todo.pop();
                if (reached.add(id)) {
                    todo.addAll(edges.getOrDefault(id, List.of()));
                }
            }
            for (String id : byId.keySet()) {
                if (!reached.contains(id)) {
                    problems.add(file + ": node '" + id + "': cannot be reached from start '" + start + "'");
                }
            }
        }
    }

    private static void findCycles(String file, String id, Map<String, List<String>> edges, Map<String, Integer> state,
            Deque<String> path, List<String> problems) {
        state.put(id, 1);
        path.addLast(id);
        for (String next : edges.getOrDefault(id, List.of())) {
            Integer s = state.get(next);
            if (s == null) {
                findCycles(file, next, edges, state, path, problems);
            } else if (s == 1) {
                List<String> cycle = new ArrayList<>();
                boolean in = false;
                for (String p : path) {
                    in = in || p.equals(next);
                    if (in) {
                        cycle.add(p);
                    }
                }
                cycle.add(next);
                problems.add(file + ": node '" + id + "': an answer leads back to '" + next + "', a cycle: "
                        + String.join(" -> ", cycle));
            }
        }
        path.removeLast();
        state.put(id, 2);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
