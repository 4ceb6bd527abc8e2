"""The LangGraph state machine: typed state, dependencies and assembly."""
