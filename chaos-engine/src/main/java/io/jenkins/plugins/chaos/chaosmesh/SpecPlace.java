package io.jenkins.plugins.chaos.chaosmesh;

/**
 * Where a chaos spec sits, which decides its duration rule: a resource of its own and a Schedule's body must end by
 * themselves (a duration), a Workflow's chaos template must not have one (Chaos Mesh refuses it: the template's
 * deadline ends it).
 */
public enum SpecPlace {
    RESOURCE,
    SCHEDULE_BODY,
    WORKFLOW_TEMPLATE
}
