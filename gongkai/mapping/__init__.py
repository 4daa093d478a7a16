"""The mapper: one layout (any format) into the report model."""
