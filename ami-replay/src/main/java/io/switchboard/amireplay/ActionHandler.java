package io.switchboard.amireplay;

/**
 * Answers one kind of action while the replay runs. Register one with
 * {@link AmiReplayServer.Builder#onAction(String, ActionHandler)} to replace the built-in answer, e.g. to make a
 * global {@code Setvar} raise the {@code VarSet} event Asterisk raises (see {@link StandardActions#setvarEmittingVarSet()}).
 *
 * <p>Called on the connection's reader thread; the reply goes out between two replayed messages, never inside one.
 */
@FunctionalInterface
public interface ActionHandler {

    /**
     * @param action the action as received
     * @return the response (its ActionID is filled in by the server when missing) and any events to send after it
     */
    ActionReply handle(AmiAction action);
}
