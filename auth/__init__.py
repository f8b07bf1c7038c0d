"""OAuth2 authorization server, token verification and permissions."""
