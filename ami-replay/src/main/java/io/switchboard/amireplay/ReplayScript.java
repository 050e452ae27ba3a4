package io.switchboard.amireplay;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The playlist, prepared once per server: each transcript's messages sorted by what the replay does with them.
 *
 * <p>The recorder's own actions (see {@code <s>.ami.sent}) left their answers in the stream. The answer to its Login
 * is replaced by the live answer to the client's Login and the answer to its Logoff ({@code Response: Goodbye}) is
 * only ever sent live, so both are never replayed. The answer to any other recorder action (QueueStatus: the
 * response, the QueueParams/QueueMember snapshot and QueueStatusComplete, all carrying the recorder's ActionID) is
 * <em>bound</em> to that action: it is replayed only for a client that sent the same action, with the client's
 * ActionID. Everything else is replayed as recorded.
 */
final class ReplayScript {

    enum StepKind {
        /** The recorded answer to the recorder's Login: never replayed. */
        LOGIN_RESPONSE,
        /** The recorded answer to the recorder's Logoff: never replayed. */
        LOGOFF_RESPONSE,
        /** Part of the recorded answer to another recorder action: replayed for the client's own such action. */
        BOUND_TO_ACTION,
        /** An event (or a foreign response): replayed as recorded. */
        REPLAYED
    }

    /** One recorded message and what to do with it; {@code boundAction} is the recorder action name, if bound. */
    record Step(StepKind kind, RecordedMessage recorded, String boundAction) {

        AmiMessage message() {
            return recorded.message();
        }

        boolean isFullyBooted() {
            return "FullyBooted".equals(recorded.message().eventName());
        }
    }

    /**
     * One transcript of the playlist.
     *
     * @param startsAt recorded time the session starts from: the recorded Login answer (the live one replaces it)
     * @param endsAt   recorded time of the last message
     */
    record Part(AmiTranscript transcript, List<Step> steps, double startsAt, double endsAt) {

        /** The recorded answer to a recorder action, in stream order (empty when the recorder never sent it). */
        List<AmiMessage> recordedAnswer(String actionName) {
            return steps.stream()
                    .filter(s -> s.kind() == StepKind.BOUND_TO_ACTION && s.boundAction().equalsIgnoreCase(actionName))
                    .map(Step::message)
                    .toList();
        }

        Optional<AmiMessage> fullyBooted() {
            return steps.stream().filter(Step::isFullyBooted).map(Step::message).findFirst();
        }
    }

    private final List<Part> parts;
    private final IdentifierShift shift;

    ReplayScript(List<AmiTranscript> playlist) {
        if (playlist.isEmpty()) {
            throw new IllegalArgumentException("the playlist is empty");
        }
        this.parts = playlist.stream().map(ReplayScript::prepare).toList();
        this.shift = IdentifierShift.forPlaylist(playlist);
    }

    private static Part prepare(AmiTranscript transcript) {
        List<Step> steps = new ArrayList<>();
        Double loginAt = null;
        for (RecordedMessage recorded : transcript.messages()) {
            String recorderAction = transcript.actionNameFor(recorded.message().actionId()).orElse(null);
            StepKind kind;
            if (recorderAction == null) {
                kind = StepKind.REPLAYED;
            } else if (recorderAction.equalsIgnoreCase("Login")) {
                kind = StepKind.LOGIN_RESPONSE;
                loginAt = loginAt == null ? recorded.recordedAt() : loginAt;
            } else if (recorderAction.equalsIgnoreCase("Logoff")) {
                kind = StepKind.LOGOFF_RESPONSE;
            } else {
                kind = StepKind.BOUND_TO_ACTION;
            }
            steps.add(new Step(kind, recorded, recorderAction));
        }
        double first = transcript.messages().isEmpty() ? transcript.recordedAt(0) : transcript.messages().get(0).recordedAt();
        double last = transcript.messages().isEmpty() ? first
                : transcript.messages().get(transcript.messages().size() - 1).recordedAt();
        return new Part(transcript, List.copyOf(steps), loginAt == null ? first : loginAt, last);
    }

    List<Part> parts() {
        return parts;
    }

    Part part(int index) {
        return parts.get(index);
    }

    IdentifierShift shift() {
        return shift;
    }

    /** The banner of the first transcript: every recording has {@code Asterisk Call Manager/11.0.0}. */
    String banner() {
        return parts.get(0).transcript().banner();
    }
}
