package io.switchboard.triage.pathway;

import java.util.List;

/**
 * The files as written (YAML bound field by field, unknown properties refused), before validation turns them into
 * the immutable model. Every field may be missing here: {@link PathwayValidator} says which must not be.
 */
final class PathwayDocuments {

    private PathwayDocuments() {
    }

    /**
     * {@code pathways/index.yaml}: every pathway version ever published. {@code dispositions} is read only to refuse
     * it: the catalogue is no longer pathway content (it is the event contract's, see {@link PathwayLoader}).
     */
    record IndexDocument(String dispositions, List<IndexEntry> pathways) {
    }

    /** @param sha256 the SHA-256 of the file as published: a published version must never change */
    record IndexEntry(String file, String sha256) {
    }

    record PathwayDocument(String id, Integer version, String title, String summary, Boolean demonstrationContent,
            String notice, ApplicabilityDocument applicability, String start, List<NodeDocument> nodes) {
    }

    record ApplicabilityDocument(Integer minAgeYears, Integer maxAgeYears, List<String> sexes) {
    }

    /** A question (question, guidance, answers) or an end (disposition, advice). */
    record NodeDocument(String id, String question, String guidance, List<AnswerDocument> answers,
            String disposition, String advice) {
    }

    record AnswerDocument(String id, String text, String next, Boolean redFlag) {
    }
}
