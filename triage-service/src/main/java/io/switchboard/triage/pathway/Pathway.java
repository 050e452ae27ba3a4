package io.switchboard.triage.pathway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One immutable version of an assessment pathway, validated (see {@link PathwayValidator}): a directed acyclic graph
 * of questions from {@link #start()} to end points, each end a disposition of the catalogue.
 *
 * @param file   the file it was loaded from (e.g. {@code chest-pain.v1.yaml}), for error messages and the audit
 * @param sha256 hex SHA-256 of the file's content (line endings normalised to LF): what an assessment was run against
 */
public record Pathway(String id, int version, String title, String summary, boolean demonstrationContent,
        String notice, Applicability applicability, String start, Map<String, Node> nodes, String file,
        String sha256) {

    /** Must appear in the notice of every demonstration pathway, and is shown wherever the content is. */
    public static final String DEMONSTRATION_NOTICE = "DEMONSTRATION CONTENT - NOT CLINICALLY ASSURED";

    public Pathway {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    }

    public Node node(String nodeId) {
        Node node = nodes.get(nodeId);
        if (node == null) {
            throw new NoSuchElementException("pathway " + ref() + " has no node '" + nodeId + "'");
        }
        return node;
    }

    /** {@code chest-pain v1}. */
    public String ref() {
        return id + " v" + version;
    }

    /** The version as it travels on triage.outcomes.v1 ({@code pathwayVersion}). */
    public String versionText() {
        return Integer.toString(version);
    }
}
