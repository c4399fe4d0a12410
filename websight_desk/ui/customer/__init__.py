"""The customer view: masked contacts (audited reveal), services, tickets."""

from websight_desk.ui.customer.view import CustomerDialog, CustomerView

__all__ = ["CustomerDialog", "CustomerView"]
