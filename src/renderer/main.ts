import { createApp } from 'vue'
import App from './App.vue'
import { createClient } from './api/client'
import { provideApi } from './api/useApi'
import { router } from './router'
import { vuetify } from './plugins/vuetify'
import './styles/app.css'

const app = createApp(App)
provideApi(app, createClient())
app.use(vuetify).use(router).mount('#app')
