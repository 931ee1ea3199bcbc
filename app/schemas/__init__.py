"""Response models, one family per resource, validated from ORM rows (`from_attributes`)."""
