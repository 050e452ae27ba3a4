package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Strimzi's CRD generator annotation of the same name. The generator (io.strimzi:crd-generator) is not published,
 * so its annotations are declared here, with the same name and element, for the checks to read them from Strimzi's
 * model classes (see io.switchboard.kubernetes.StrimziConstraints).
 */
@Retention(RetentionPolicy.RUNTIME)
public @interface PresentInVersions {
    String value();
}
