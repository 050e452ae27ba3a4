package io.switchboard.triage.pathway;

import java.util.List;

/**
 * Pathway content that must not be used. Each problem names the file and, where there is one, the node:
 * {@code chest-pain.v1.yaml: node 'q-breathing': answer 'no' leads to 'q-missing', which is not a node of this pathway}.
 */
public class PathwayValidationException extends RuntimeException {

    private final List<String> problems;

    public PathwayValidationException(List<String> problems) {
        super("Invalid pathway content (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
