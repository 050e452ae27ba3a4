package io.switchboard.amireplay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The built-in answers of the replay server, worded as Asterisk 22 words them. The response texts were taken from the
 * driver connections of the recordings ({@code <s>.ctl.ami}), e.g. {@code Message: Variable Set} for Setvar.
 *
 * <p>These actions change nothing: the replayed stream is the recording, whatever the client asks. A test that
 * needs an action to have a visible effect registers its own {@link ActionHandler}.
 */
public final class StandardActions {

    /** The Asterisk that made the recordings. */
    public static final String ASTERISK_VERSION = "22.10.1";

    /** Its AMI protocol version, as in the banner {@code Asterisk Call Manager/11.0.0}. */
    public static final String AMI_VERSION = "11.0.0";

    private StandardActions() {
    }

    /** The built-in handlers by lower-case action name; {@code coreShowChannels} are the CoreShowChannel events. */
    static Map<String, ActionHandler> defaults(List<AmiMessage> coreShowChannels) {
        Map<String, ActionHandler> handlers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        handlers.put("Ping", ping());
        handlers.put("CoreSettings", coreSettings());
        handlers.put("Command", command());
        handlers.put("CoreShowChannels", coreShowChannels(coreShowChannels));
        handlers.put("Setvar", setvar());
        handlers.put("BlindTransfer", blindTransfer());
        handlers.put("Atxfer", atxfer());
        handlers.put("Hangup", hangup());
        handlers.put("QueuePause", queuePause());
        handlers.put("DBPut", dbPut());
        handlers.put("DBDel", dbDel());
        return handlers;
    }

    /** {@code Response: Success}, {@code Ping: Pong}, {@code Timestamp: <epoch>.<micros>}. */
    public static ActionHandler ping() {
        return action -> {
            Instant now = Instant.now();
            String timestamp = String.format(Locale.ROOT, "%d.%06d", now.getEpochSecond(), now.getNano() / 1000);
            return ActionReply.of(AmiMessage.of("Response", "Success", "Ping", "Pong", "Timestamp", timestamp));
        };
    }

    /**
     * The core settings of the recording PBX. asterisk-java's login sends this to learn the Asterisk version
     * ({@code AsteriskVersion: 22.10.1} makes it pick {@code ASTERISK_22}).
     */
    public static ActionHandler coreSettings() {
        return action -> ActionReply.of(AmiMessage.of(
                "Response", "Success",
                "AMIversion", AMI_VERSION,
                "AsteriskVersion", ASTERISK_VERSION,
                "SystemName", "",
                "CoreMaxCalls", "0",
                "CoreMaxLoadAvg", "0.000000",
                "CoreRunUser", "",
                "CoreRunGroup", "",
                "CoreMaxFilehandles", "0",
                "CoreRealTimeEnabled", "No",
                "CoreCDRenabled", "Yes",
                "CoreHTTPenabled", "No",
                "SoundsSearchCustomDir", "No"));
    }

    /**
     * The CLI through AMI: only {@code core show version} is known (asterisk-java falls back to it when
     * CoreSettings fails); anything else gets the CLI's "No such command".
     */
    public static ActionHandler command() {
        return action -> {
            String command = action.header("Command");
            if (command != null && command.trim().equalsIgnoreCase("core show version")) {
                return ActionReply.of(AmiMessage.of(
                        "Response", "Success",
                        "Message", "Command output follows",
                        "Output", "Asterisk " + ASTERISK_VERSION + " built by switchboard @ ami-replay on a x86_64 running Linux"));
            }
            return ActionReply.of(AmiMessage.of(
                    "Response", "Error",
                    "Message", "Command output follows",
                    "Output", "No such command '" + command + "' (type 'core show help " + command
                            + "' for other possible commands)"));
        };
    }

    /**
     * A list answer: {@code EventList: start}, one {@code CoreShowChannel} event per given channel, then
     * {@code CoreShowChannelsComplete} with {@code ListItems}. Every list event carries the client's ActionID, as in
     * Asterisk. With no channels it is what every poll in the recordings got ({@code ListItems: 0}).
     */
    public static ActionHandler coreShowChannels(List<AmiMessage> channels) {
        List<AmiMessage> listed = List.copyOf(channels);
        return action -> {
            List<AmiMessage> events = new ArrayList<>();
            for (AmiMessage channel : listed) {
                events.add(channel.withActionId(action.actionId()));
            }
            events.add(AmiMessage.of("Event", "CoreShowChannelsComplete",
                    "EventList", "Complete",
                    "ListItems", Integer.toString(listed.size())).withActionId(action.actionId()));
            AmiMessage response = AmiMessage.of("Response", "Success",
                    "EventList", "start",
                    "Message", "Channels will follow");
            return ActionReply.of(response).withEvents(events.toArray(AmiMessage[]::new));
        };
    }

    /** {@code Message: Variable Set}; no event (use {@link #setvarEmittingVarSet()} for that). */
    public static ActionHandler setvar() {
        return action -> action.header("Variable") == null
                ? ActionReply.error("No variable specified")
                : ActionReply.success("Variable Set");
    }

    /**
     * Setvar as Asterisk does it for a global variable: with no {@code Channel} it answers {@code Variable Set} and
     * raises {@code Event: VarSet} with {@code Channel: none} and {@code Uniqueid: none} (see
     * e_contingency_switch.ami). With a Channel it only answers: the channel's snapshot is not known here.
     */
    public static ActionHandler setvarEmittingVarSet() {
        return action -> {
            ActionReply reply = setvar().handle(action);
            String channel = action.header("Channel");
            if (!"Success".equals(reply.response().responseType()) || (channel != null && !channel.isBlank())) {
                return reply;
            }
            String value = action.header("Value");
            return reply.withEvents(AmiMessage.of(
                    "Event", "VarSet",
                    "Privilege", "dialplan,all",
                    "Channel", "none",
                    "Uniqueid", "none",
                    "Variable", action.header("Variable"),
                    "Value", value == null ? "" : value));
        };
    }

    /** {@code Message: Transfer succeeded}. */
    public static ActionHandler blindTransfer() {
        return action -> {
            if (action.header("Channel") == null) {
                return ActionReply.error("No channel specified");
            }
            if (action.header("Exten") == null) {
                return ActionReply.error("No extension specified");
            }
            return ActionReply.success("Transfer succeeded");
        };
    }

    /** {@code Message: Atxfer successfully queued}. */
    public static ActionHandler atxfer() {
        return action -> action.header("Channel") == null
                ? ActionReply.error("No channel specified")
                : ActionReply.success("Atxfer successfully queued");
    }

    /** {@code Message: Channel Hungup}. */
    public static ActionHandler hangup() {
        return action -> action.header("Channel") == null
                ? ActionReply.error("No channel specified")
                : ActionReply.success("Channel Hungup");
    }

    /** {@code Message: Interface paused successfully} or {@code ... unpaused successfully}. */
    public static ActionHandler queuePause() {
        return action -> {
            String paused = action.header("Paused");
            if (action.header("Interface") == null || paused == null) {
                return ActionReply.error("Need 'Interface' and 'Paused' parameters.");
            }
            boolean pause = paused.equalsIgnoreCase("true") || paused.equalsIgnoreCase("yes") || paused.equals("1");
            return ActionReply.success(pause ? "Interface paused successfully" : "Interface unpaused successfully");
        };
    }

    /** {@code Message: Updated database successfully}. */
    public static ActionHandler dbPut() {
        return action -> ActionReply.success("Updated database successfully");
    }

    /** {@code Message: Key deleted successfully}. */
    public static ActionHandler dbDel() {
        return action -> ActionReply.success("Key deleted successfully");
    }

    /** What Asterisk answers for an action no module registered. */
    public static ActionReply unknown(AmiAction action) {
        return ActionReply.error("Invalid/unknown command: " + action.name()
                + ". Use Action: ListCommands to show available commands.");
    }
}
