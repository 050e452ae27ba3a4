package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The end point of a triage: a Dx-style code with what it means and how soon care is needed.
 *
 * @param code             e.g. {@code Dx05}; project-defined codes are prefixed {@code SB} (see docs)
 * @param name             what the caller is told, e.g. "Contact a primary care service within 2 hours"
 * @param timeframeMinutes how soon; 0 for an immediate response
 * @param careSetting      e.g. emergency-ambulance, emergency-department, primary-care, pharmacy, dental, self-care
 * @param group            the outcome group used for reporting (ambulance, a-and-e, primary-care, other-service, self-care)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Disposition(String code, String name, int timeframeMinutes, String careSetting, String group) {
}
