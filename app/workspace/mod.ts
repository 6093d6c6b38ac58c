/** Workspace: projects and tasks for the merchant team. Not built yet. */
export {}
