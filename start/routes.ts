/*
| Each module owns its routes; this file only decides the order they load in
| (the dashboard's navigation follows it).
*/
import '#core/routes'
import '#identity/routes'
import '#catalog/routes'
import '#storefront/dashboard_routes'
import '#workspace/routes'
import '#billing/routes'
import '#metering/routes'
import '#pricing/routes'
import '#channels/routes'
import '#storefront/routes'
import '#admin/routes'
