"""One turn, one direction: input → safety → meta/parse → engine → narrate → state update → record."""
