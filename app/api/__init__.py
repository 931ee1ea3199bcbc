"""HTTP layer: dependencies, the problem+json handlers and one router per resource."""
