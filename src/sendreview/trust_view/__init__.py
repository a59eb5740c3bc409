"""A cycle's reviews merged into one :class:`~sendreview.model.trust_view.TrustView`."""
