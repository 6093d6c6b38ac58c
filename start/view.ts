import edge from 'edge.js'
import { formatMoney } from '#core/mod'
import { dashboardSections } from '#identity/mod'

edge.global('formatMoney', formatMoney)
edge.global('dashboardSections', dashboardSections)
