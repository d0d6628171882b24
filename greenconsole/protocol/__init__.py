"""The GREEN-API notification protocol: client, typed errors, the receive loop. No Qt here."""
